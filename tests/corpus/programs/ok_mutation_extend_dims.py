import numpy as np
from tensorflow import keras

input_dims = [28, 28]
input_dims.extend([3])  # RGB

model = keras.Sequential([
    keras.Input(shape=tuple(input_dims)),
    keras.layers.Conv2D(8, (3, 3), activation="relu"),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(5, activation="softmax"),
])
images = np.random.rand(4, 28, 28, 3)
print(model.predict(images, verbose=0).shape)
