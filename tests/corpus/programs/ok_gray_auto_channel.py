import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

# Keras adds the missing trailing channel axis of size 1 on its own.
inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(8, 3, activation="relu")(inputs)
x = layers.MaxPooling2D()(x)
x = layers.Flatten()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

x_train = np.random.rand(32, 28, 28).astype("float32")
y_train = np.random.randint(0, 10, size=32)
model.fit(x_train, y_train, epochs=1, batch_size=16, verbose=0)
print(model.predict(x_train[:4], verbose=0).shape)
