import numpy as np
from tensorflow.keras.layers import Conv2D, Cropping2D, Dense, Flatten, ZeroPadding2D
from tensorflow.keras.models import Sequential

model = Sequential()
model.add(Cropping2D(cropping=((4, 4), (2, 2)), input_shape=(40, 30, 1)))
model.add(ZeroPadding2D(padding=1))
model.add(Conv2D(4, 3, activation="relu"))
model.add(Flatten())
model.add(Dense(2, activation="softmax"))
model.compile(optimizer="adam", loss="categorical_crossentropy")

x = np.random.rand(6, 40, 30, 1)
y = np.array([[1, 0], [0, 1], [1, 0], [0, 1], [1, 0], [0, 1]])
model.fit(x, y, epochs=1, verbose=0)
