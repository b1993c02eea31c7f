import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

# Dense on a feature map is a 1x1 convolution; pooling afterwards fixes the rank.
model = keras.Sequential([
    layers.Input(shape=(24, 24, 3)),
    layers.Conv2D(8, 3, activation="relu"),
    layers.Dense(5),
    layers.GlobalAveragePooling2D(),
    layers.Activation("softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
x = np.random.rand(10, 24, 24, 3)
y = keras.utils.to_categorical(np.random.randint(0, 5, 10), 5)
model.fit(x, y, epochs=1, verbose=0)
