import numpy as np
from tensorflow import keras

model = keras.Sequential([
    keras.layers.Conv2D(16, 3, activation="relu"),
    keras.layers.MaxPooling2D(),
    keras.layers.Flatten(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

# 28x28 grayscale digits without a channel axis.
x_train = np.random.rand(64, 28, 28).astype("float32")  # cause
y_train = np.random.randint(0, 10, 64)
model.fit(x_train, y_train, epochs=1, batch_size=16, verbose=0)
