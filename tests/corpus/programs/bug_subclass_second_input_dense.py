import numpy as np
import keras
from keras import layers


class Matcher(keras.Model):
    """Scores a (query, document) pair with one shared encoder."""

    def __init__(self):
        super().__init__()
        self.encoder = layers.Dense(32, activation="relu")
        self.score = layers.Dense(1, activation="sigmoid")

    def call(self, inputs):
        query, doc = inputs
        q = self.encoder(query)
        d = self.encoder(doc)
        return self.score(layers.concatenate([q, d]))


queries = np.random.rand(16, 20).astype("float32")
docs = np.random.rand(16, 50).astype("float32")  # cause
labels = np.random.randint(0, 2, (16, 1))
model = Matcher()
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit([queries, docs], labels, epochs=1, verbose=0)
