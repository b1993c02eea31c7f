# Reviews split 50/50 with a seed, labels one-hot for a softmax head.
import keras
from keras import layers

batch_size = 2
seed = 42
raw_train_ds = keras.utils.text_dataset_from_directory(
    "data/movie_reviews", batch_size=batch_size, validation_split=0.5, subset="training",
    seed=seed, label_mode="categorical")
raw_val_ds = keras.utils.text_dataset_from_directory(
    "data/movie_reviews", batch_size=batch_size, validation_split=0.5, subset="validation",
    seed=seed, label_mode="categorical")

vectorizer = layers.TextVectorization(max_tokens=100, output_sequence_length=12)
vectorizer.adapt(raw_train_ds.map(lambda text, label: text))

def vectorize(text, label):
    return vectorizer(text), label

train_ds = raw_train_ds.map(vectorize)
val_ds = raw_val_ds.map(vectorize)

model = keras.Sequential([
    keras.Input(shape=(12,)),
    layers.Embedding(100, 8),
    layers.Flatten(),
    layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=1, verbose=0)
