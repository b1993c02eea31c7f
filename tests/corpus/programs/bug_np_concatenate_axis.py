import numpy as np
import keras

inputs = keras.Input(shape=(10,))
h = keras.layers.Dense(16, activation="relu")(inputs)
outputs = keras.layers.Dense(1, activation="sigmoid")(h)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(np.random.rand(40, 10), np.random.randint(0, 2, 40), epochs=1, verbose=0)

# Score two shards of new rows in one call.
shard_a = np.random.rand(30, 10)
shard_b = np.random.rand(30, 10)
batch = np.concatenate([shard_a, shard_b], axis=-1)  # cause
scores = model.predict(batch, verbose=0)
