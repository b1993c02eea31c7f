import keras
from lib.data import make_dataset, make_images
from lib.builders import build_cnn

x, y = make_images(32, size=24, channels=1, classes=3)
train_ds = make_dataset(x[:24], y[:24], batch_size=8)
val_ds = make_dataset(x[24:], y[24:], batch_size=8, shuffle=False)

model = build_cnn((24, 24, 1), 3)
model.fit(train_ds, validation_data=val_ds, epochs=1, verbose=0)
