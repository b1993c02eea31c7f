# A binary classifier pointed at a folder with three classes of flowers.
import keras

train_ds = keras.utils.image_dataset_from_directory(
    "data/flower_photos",
    labels="inferred",
    label_mode="binary",
    image_size=(32, 32),
    batch_size=2,
)

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    keras.layers.Flatten(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(train_ds, epochs=1, verbose=0)
