import numpy as np
from lib import builders

IMG_SIZE = 28
x = np.random.rand(24, IMG_SIZE, IMG_SIZE, 3).astype("float32")
y = np.random.randint(0, 4, size=24)

model = builders.build_cnn((IMG_SIZE, IMG_SIZE, 1), classes=4)  # cause
model.fit(x, y, epochs=1, batch_size=8, verbose=0)
