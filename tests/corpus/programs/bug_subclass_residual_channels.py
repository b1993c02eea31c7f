import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


class ResidualNet(keras.Model):
    def __init__(self, filters=32, classes=10):
        super().__init__()
        self.conv1 = layers.Conv2D(filters, 3, padding="same", activation="relu")
        self.conv2 = layers.Conv2D(filters, 3, padding="same")
        self.pool = layers.GlobalAveragePooling2D()
        self.out = layers.Dense(classes, activation="softmax")

    def call(self, x):
        h = self.conv2(self.conv1(x))
        h = keras.activations.relu(h + x)
        return self.out(self.pool(h))


net = ResidualNet()
net.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
x = np.random.rand(8, 32, 32, 3).astype("float32")
y = np.random.randint(0, 10, 8)
net.fit(x, y, epochs=1, verbose=0)
