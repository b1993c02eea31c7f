import numpy as np
import keras


class SequenceClassifier(keras.Model):
    def __init__(self, units=32, classes=4):
        super().__init__()
        self.embed = keras.layers.Dense(units)
        self.rnn = keras.layers.LSTM(units)
        self.classifier = keras.layers.Dense(classes, activation="softmax")

    def call(self, x, training=False):
        x = self.embed(x)
        x = self.rnn(x)
        return self.classifier(x)


x = np.random.rand(32, 100).astype("float32")  # cause
y = np.random.randint(0, 4, size=32)
model = SequenceClassifier()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, epochs=1, verbose=0)
