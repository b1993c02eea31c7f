import numpy as np
from keras import Sequential
from keras.layers import Dense, Input

# XOR from literal arrays.
x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
y = np.array([0, 1, 1, 0])

model = Sequential([Input(shape=(2,)), Dense(4, activation="tanh"), Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x, y, epochs=1, verbose=0)
print(model.predict(x, verbose=0).ravel())
