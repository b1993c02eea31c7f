# load_iris with return_X_y; the class count comes from target_names.
from sklearn import datasets
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras

iris = datasets.load_iris()
num_classes = len(iris.target_names)
X, y = datasets.load_iris(return_X_y=True)
y = keras.utils.to_categorical(y, num_classes)
X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=0.7, random_state=1)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)

model = keras.Sequential([keras.Input((iris.data.shape[1],)), keras.layers.Dense(num_classes, activation="softmax")])
model.compile(loss="categorical_crossentropy", optimizer="adam")
model.fit(X_train, y_train, validation_data=(X_test, y_test), epochs=1, batch_size=15, verbose=0)
