import numpy as np
import keras

rows = []
for i in range(12):
    row = [float(i), float(i) ** 2]
    row.append(1.0)  # bias column
    rows.append(row)
rows[0].append(0.0)  # cause
table = np.array(rows, dtype="float32")

model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(table, np.random.rand(12), epochs=1, verbose=0)
