import numpy as np
from tensorflow import keras

# A fixed batch size in Input(batch_size=...) is legal when the data agrees.
inputs = keras.Input(shape=(6,), batch_size=4)
x = keras.layers.Dense(8, activation="relu")(inputs)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")

x_train = np.random.rand(16, 6)
y_train = np.random.rand(16, 1)
model.fit(x_train, y_train, batch_size=4, epochs=1, verbose=0)
print(model.predict(x_train, batch_size=4, verbose=0).shape)
