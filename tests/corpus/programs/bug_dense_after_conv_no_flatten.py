import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Conv2D(16, (3, 3), activation="relu", input_shape=(28, 28, 1)),
    layers.MaxPooling2D((2, 2)),
    layers.Dense(10, activation="softmax"),  # cause
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])

x = np.random.rand(32, 28, 28, 1)
y = keras.utils.to_categorical(np.random.randint(0, 10, 32), num_classes=10)
model.fit(x, y, epochs=1, batch_size=8, verbose=0)
