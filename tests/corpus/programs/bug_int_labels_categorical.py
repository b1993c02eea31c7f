import numpy as np
from tensorflow.keras import layers, models

x_train = np.random.rand(64, 32, 32, 3)
y_train = np.random.randint(0, 10, size=(64, 1))

model = models.Sequential()
model.add(layers.Conv2D(8, (3, 3), activation="relu", input_shape=(32, 32, 3)))
model.add(layers.GlobalAveragePooling2D())
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])  # cause
model.fit(x_train, y_train, epochs=1, batch_size=16, verbose=0)
