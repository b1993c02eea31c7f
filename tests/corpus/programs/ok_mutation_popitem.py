import numpy as np
import keras

image_dims = {"height": 28, "width": 28, "channels": 1}
image_dims.popitem()  # Conv1D over rows: no channel axis

model = keras.Sequential([
    keras.Input(shape=tuple(image_dims.values())),
    keras.layers.Conv1D(8, 3),
    keras.layers.Flatten(),
    keras.layers.Dense(10),
])
print(model(np.zeros((2, 28, 28))).shape)
