import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(64, 64, 3))
x = layers.Conv2D(8, 3, strides=2, activation="relu")(inputs)
x = layers.GlobalAveragePooling2D()(x)
age = layers.Dense(1, name="age")(x)
gender = layers.Dense(2, activation="softmax", name="gender")(x)
model = keras.Model(inputs, [age, gender])
model.compile(
    optimizer="adam",
    loss={"age": "mse", "gender": "sparse_categorical_crossentropy"},
)
faces = np.random.rand(8, 64, 64, 3)
targets = {"age": np.random.rand(8, 1) * 80, "gender": np.random.randint(0, 2, 8)}
model.fit(faces, targets, epochs=1, verbose=0)
