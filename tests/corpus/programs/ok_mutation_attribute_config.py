import numpy as np
import keras


class Config:
    pass


cfg = Config()
cfg.img_size = 32
cfg.channels = 3
cfg.num_classes = 10
# Quick experiment on smaller images.
cfg.img_size = 16

model = keras.Sequential([
    keras.Input(shape=(cfg.img_size, cfg.img_size, cfg.channels)),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(cfg.num_classes, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
x = np.random.rand(8, 16, 16, 3)
model.fit(x, np.random.randint(0, 10, 8), epochs=1, verbose=0)
