import numpy as np
from tensorflow.keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
from tensorflow.keras.models import Sequential

model = Sequential([
    Conv2D(16, 3, activation="relu", input_shape=(32, 32, 3)),
    MaxPooling2D(),
    Flatten(),
    Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="categorical_crossentropy")

# Images stored channels-first, as exported from a PyTorch pipeline.
x = np.random.rand(8, 3, 32, 32).astype("float32")  # cause
print(model.predict(x, verbose=0).shape)
