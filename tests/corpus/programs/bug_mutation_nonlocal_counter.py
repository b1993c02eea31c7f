import numpy as np
import keras


def collect():
    frames = []
    count = 0

    def grab(frame):
        nonlocal count
        frames.append(frame)
        count += 1

    for _ in range(5):
        grab(np.zeros((10, 10)))
    return np.stack(frames), count


clip, n = collect()
model = keras.Sequential([keras.Input(shape=(4, 10, 10)), keras.layers.Flatten(), keras.layers.Dense(1)])  # cause
print(model(clip[np.newaxis]).shape)
