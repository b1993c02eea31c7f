import numpy as np
import keras

GRAYSCALE = False
input_shape = [64, 64]
if GRAYSCALE:
    input_shape.append(1)
else:
    input_shape.append(3)

model = keras.Sequential([keras.Input(shape=input_shape), keras.layers.Conv2D(4, 3), keras.layers.Flatten(),
                          keras.layers.Dense(1)])
print(model(np.random.rand(2, 64, 64, 3)).shape)
