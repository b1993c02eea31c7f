# The same table with the id and the label both dropped; the label is popped off a copy.
import pandas as pd
from tensorflow import keras

df = pd.read_csv("data/iris_species.csv", index_col="id")
features = df.copy()
labels = features.pop("species")
labels = labels.astype("category").cat.codes

X = features.to_numpy(dtype="float32")
print(X.shape, len(features.columns))

model = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(X, labels.values, epochs=1, batch_size=8, verbose=0)
