import numpy as np
from lib.builders import build_mlp

table = np.random.rand(50, 9)
X = table[:, :-1]
y = (table[:, -1] > 0.5).astype("int32")

model = build_mlp(n_features=table.shape[1])  # cause
model.fit(X, y, epochs=1, verbose=0)
