# One-hot encode the text column, then train: get_dummies makes boolean columns.
import pandas as pd
import keras

houses = pd.read_csv("data/houses.csv")
target = houses.pop("price") / 100000

features = pd.get_dummies(houses)
X = features.values  # cause
print(features.dtypes)

model = keras.Sequential([
    keras.layers.Input((7,)),
    keras.layers.Dense(8, activation="relu"),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X, target.values, epochs=1, verbose=0)
