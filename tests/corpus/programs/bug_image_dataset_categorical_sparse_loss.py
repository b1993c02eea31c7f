# One-hot labels from the folder loader, but the loss expects integer class ids.
import tensorflow as tf

train_ds = tf.keras.utils.image_dataset_from_directory(
    "data/flower_photos",
    label_mode="categorical",  # cause
    image_size=(64, 64),
    batch_size=4,
    seed=123,
)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(64, 64, 3)),
    tf.keras.layers.Rescaling(1.0 / 255),
    tf.keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=1, verbose=0)
