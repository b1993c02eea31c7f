import numpy as np
from lib.builders import build_mlp

features = np.random.rand(40, 12).astype("float32")
labels = np.random.randint(0, 2, size=(40, 1))

model = build_mlp(features.shape[1])
model.fit(features, labels, epochs=1, verbose=0)

wide = build_mlp(12, hidden=(16,), classes=3)
wide.fit(features, np.random.randint(0, 3, 40), epochs=1, verbose=0)
