import numpy as np
from tensorflow import keras

user = keras.Input(shape=(8,))
item = keras.Input(shape=(12,))  # cause
project = keras.layers.Dense(4)
u = project(user)
v = project(item)
score = keras.layers.Dot(axes=1)([u, v])
model = keras.Model([user, item], score)
