# Iris classifier from a CSV export: the id column is still in the features.
import numpy as np
import pandas as pd
from tensorflow import keras

df = pd.read_csv("data/iris_species.csv")
print(df.head())

X = df.drop("species", axis=1).values  # cause
y = df["species"].map({"setosa": 0, "versicolor": 1, "virginica": 2}).values

model = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X.astype("float32"), y, epochs=1, batch_size=8, verbose=0)
