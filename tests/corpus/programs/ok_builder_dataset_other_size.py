from lib.data import make_dataset, make_images
from lib.builders import build_cnn

# The builder's Sequential CNN ends in global pooling, so it accepts images
# larger than the size it was declared with.
x, y = make_images(32, size=64, classes=10)
train_ds = make_dataset(x, y)

model = build_cnn((32, 32, 3), 10)
model.fit(train_ds, epochs=1, verbose=0)
