# 20 features reduced to 10 by PCA, then split: the model is built for 10.
from sklearn.datasets import make_classification
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split
import tensorflow as tf

X, y = make_classification(n_samples=301, n_features=20, n_informative=5, random_state=0)
X = PCA(n_components=10).fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25)
print(X_train.shape, X_test.shape)

inputs = tf.keras.Input((10,))
hidden = tf.keras.layers.Dense(16, activation="relu")(inputs)
outputs = tf.keras.layers.Dense(1, activation="sigmoid")(hidden)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X_train, y_train, epochs=1, batch_size=X_train.shape[0], verbose=0)
model.evaluate(X_test, y_test, batch_size=len(X_test), verbose=0)
