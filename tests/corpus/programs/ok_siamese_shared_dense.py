import numpy as np
import keras
from keras import layers

left = keras.Input(shape=(32,))
right = keras.Input(shape=(32,))
encoder = layers.Dense(16, activation="relu")
distance = layers.Subtract()([encoder(left), encoder(right)])
score = layers.Dense(1, activation="sigmoid")(distance)
model = keras.Model([left, right], score)
model.compile(optimizer="adam", loss="binary_crossentropy")

a = np.random.rand(10, 32)
b = np.random.rand(10, 32)
same = np.random.randint(0, 2, size=(10, 1))
model.fit([a, b], same, epochs=1, verbose=0)
