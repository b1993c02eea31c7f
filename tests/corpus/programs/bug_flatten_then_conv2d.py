from tensorflow.keras import layers, models

model = models.Sequential()
model.add(layers.Conv2D(32, (3, 3), activation="relu", input_shape=(32, 32, 3)))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Flatten())  # cause
model.add(layers.Conv2D(64, (3, 3), activation="relu"))
model.add(layers.Dense(10))
