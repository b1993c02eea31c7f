import numpy as np
import keras

settings = {"input_dim": 10, "units": 32, "name": "regressor"}
name = settings.pop("name")
units = settings.pop("units", 16)
width = settings.get("units", 4)

model = keras.Sequential([keras.Input(shape=(settings["input_dim"],)), keras.layers.Dense(units),
                          keras.layers.Dense(width)], name=name)
head = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
print(head(model(np.zeros((2, 10)))).shape)
