import numpy as np
from lib.builders import build_cnn

x_train = np.random.rand(16, 32, 32, 3).astype("float32")
y_train = np.random.randint(0, 5, size=16)

model = build_cnn((32, 32, 3), 5)
model.fit(x_train, y_train, epochs=1, batch_size=8, verbose=0)
print(model.predict(x_train[:2], verbose=0).shape)
