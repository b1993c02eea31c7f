# Features saved earlier with df.to_csv("saved_features.csv") (the index written as a first,
# unnamed column) are read back without index_col.
import pandas as pd
import tensorflow as tf

df = pd.read_csv("data/saved_features.csv")  # cause
print(df.columns.tolist())
X = df.drop("label", axis=1).to_numpy()
y = df["label"].to_numpy()

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(4,)),
    tf.keras.layers.Dense(8, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=1, batch_size=4, verbose=0)
