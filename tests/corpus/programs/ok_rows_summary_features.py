import numpy as np
import tensorflow as tf

# 300 sequences of 20 steps with 4 channels; classify from summary statistics.
X_raw = np.random.rand(300, 20, 4)
y = tf.keras.utils.to_categorical(np.random.randint(0, 3, size=300), num_classes=3)

features = []
for seq in X_raw:
    stats = np.concatenate([seq.mean(axis=0), seq.std(axis=0)])
    features.append(stats)
features = np.array(features)

model = tf.keras.Sequential()
model.add(tf.keras.layers.Input(shape=(features.shape[1],)))
model.add(tf.keras.layers.Dense(16, activation="relu"))
model.add(tf.keras.layers.Dense(3, activation="softmax"))
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(features, y, epochs=1, validation_split=0.2, verbose=0)
