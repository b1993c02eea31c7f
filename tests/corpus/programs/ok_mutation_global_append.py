import numpy as np
import keras

FEATURES = ["age", "income"]


def add_engineered_features():
    FEATURES.append("income_per_age")
    FEATURES.append("log_income")


add_engineered_features()
model = keras.Sequential([keras.Input(shape=(len(FEATURES),)), keras.layers.Dense(1, activation="sigmoid")])
table = np.random.rand(30, 4)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(table, np.random.randint(0, 2, (30, 1)), epochs=1, verbose=0)
