import numpy as np
from tensorflow import keras


class Trainer:
    def __init__(self, n_classes=4):
        self.n_classes = n_classes
        self.model = None

    def load_data(self):
        self.x_train = np.random.rand(64, 12).astype("float32")
        labels = np.random.randint(0, 3, size=64)
        self.y_train = keras.utils.to_categorical(labels, num_classes=3)  # cause

    def build(self):
        self.model = keras.Sequential([
            keras.Input(shape=(self.x_train.shape[1],)),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(self.n_classes, activation="softmax"),
        ])
        self.model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])

    def train(self, epochs=1):
        return self.model.fit(self.x_train, self.y_train, epochs=epochs, batch_size=16, verbose=0)


trainer = Trainer()
trainer.load_data()
trainer.build()
trainer.train()
