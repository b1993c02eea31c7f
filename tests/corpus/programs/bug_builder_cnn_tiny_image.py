import numpy as np
from lib.builders import build_cnn

# 8x8 digit thumbnails
x_train = np.random.rand(20, 8, 8, 1).astype("float32")
y_train = np.random.randint(0, 10, size=20)

model = build_cnn(x_train.shape[1:], 10)
model.fit(x_train, y_train, epochs=1, verbose=0)
