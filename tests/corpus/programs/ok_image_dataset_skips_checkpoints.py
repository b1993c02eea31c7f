# The same pets folder through image_dataset_from_directory: folders starting with a dot are no class.
import keras

train_ds = keras.utils.image_dataset_from_directory(
    "data/pets",
    label_mode="categorical",
    image_size=(32, 32),
    batch_size=2,
)
print(train_ds.class_names)

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    keras.layers.Rescaling(1.0 / 255),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(len(train_ds.class_names), activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(train_ds, epochs=1, verbose=0)
