from collections import defaultdict

import numpy as np
import keras

by_split = defaultdict(list)
for i in range(10):
    split = "val" if i % 5 == 0 else "train"
    by_split[split].append(np.random.rand(1, 6))
by_split["train"].append(np.random.rand(1, 5))  # cause

x_train = np.concatenate(by_split["train"])
model = keras.Sequential([keras.Input(shape=(6,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, np.random.rand(9), epochs=1, verbose=0)
