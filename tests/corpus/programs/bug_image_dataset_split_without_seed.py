# Train/validation split of a photo folder: Keras needs a seed to keep the two subsets apart.
import tensorflow as tf

train_ds, val_ds = tf.keras.utils.image_dataset_from_directory(
    "data/flower_photos",
    validation_split=0.2,
    subset="both",
    image_size=(64, 64),
    batch_size=2,
)
print(train_ds.class_names)
