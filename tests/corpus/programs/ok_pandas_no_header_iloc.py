# A sonar-style file without a header: 8 readings and a letter per row.
import pandas as pd
from sklearn.preprocessing import LabelEncoder
from sklearn.model_selection import train_test_split
from keras import layers, models

dataframe = pd.read_csv("data/signals.csv", header=None)
dataset = dataframe.values
X = dataset[:, 0:8].astype(float)
encoder = LabelEncoder()
y = encoder.fit_transform(dataframe.iloc[:, 8])

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.33, random_state=7)
model = models.Sequential([layers.Input((8,)), layers.Dense(8, activation="relu"),
                           layers.Dense(1, activation="sigmoid")])
model.compile(loss="binary_crossentropy", optimizer="adam")
model.fit(X_train, y_train, epochs=1, batch_size=5, verbose=0)
print(model.evaluate(X_test, y_test, verbose=0))
