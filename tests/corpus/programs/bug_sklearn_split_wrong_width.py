# Synthetic data with 20 features, a model built for 10.
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler
import tensorflow as tf

X, y = make_classification(n_samples=300, n_features=20, n_informative=5, random_state=0)  # cause
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25)
X_train = MinMaxScaler().fit_transform(X_train)

inputs = tf.keras.Input((10,))
hidden = tf.keras.layers.Dense(16, activation="relu")(inputs)
outputs = tf.keras.layers.Dense(1, activation="sigmoid")(hidden)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X_train, y_train, epochs=1, batch_size=32, verbose=0)
