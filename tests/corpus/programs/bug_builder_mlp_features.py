import numpy as np
import pandas as pd
from lib.builders import build_mlp

df = pd.DataFrame(np.random.rand(50, 9), columns=[f"f{i}" for i in range(8)] + ["label"])
X = df.drop(columns=["label"]).values
y = (df["label"].values > 0.5).astype("int32")

model = build_mlp(n_features=9)  # cause
model.fit(X, y, epochs=1, verbose=0)
