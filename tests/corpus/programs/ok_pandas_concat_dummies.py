# Numeric columns and the one-hot columns side by side; the width comes from the frame.
import pandas as pd
import tensorflow as tf

houses = pd.read_csv("data/houses.csv")
numeric = houses[["rooms", "area", "age"]].astype("float32")
numeric = (numeric - numeric.mean()) / numeric.std()
ocean = pd.get_dummies(houses["ocean_proximity"], dtype="float32")
features = pd.concat([numeric, ocean], axis=1)
prices = houses["price"] / 1e5

model = tf.keras.Sequential([
    tf.keras.Input(shape=(features.shape[1],)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(features.to_numpy(), prices.to_numpy(), epochs=1, batch_size=8, verbose=0)
