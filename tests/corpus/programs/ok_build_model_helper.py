import numpy as np
from tensorflow.keras import layers, models

def build_model(input_shape, num_classes):
    model = models.Sequential()
    model.add(layers.Input(shape=input_shape))
    model.add(layers.Conv2D(16, 3, padding="same", activation="relu"))
    model.add(layers.MaxPooling2D())
    model.add(layers.Flatten())
    model.add(layers.Dense(num_classes, activation="softmax"))
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    return model

model = build_model((20, 20, 3), 6)
x = np.random.rand(10, 20, 20, 3)
y = np.eye(6)[np.random.randint(0, 6, 10)]
model.fit(x, y, epochs=1, verbose=0)
