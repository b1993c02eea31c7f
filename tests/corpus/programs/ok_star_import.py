import numpy as np
from tensorflow.keras.layers import *
from tensorflow.keras.models import Sequential

model = Sequential([
    Input(shape=(32, 32, 3)),
    Conv2D(16, 3, activation="relu"),
    BatchNormalization(),
    MaxPooling2D(),
    Dropout(0.25),
    Flatten(),
    Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
x = np.random.rand(16, 32, 32, 3).astype("float32")
y = np.random.randint(0, 10, size=16)
model.fit(x, y, epochs=1, verbose=0)
