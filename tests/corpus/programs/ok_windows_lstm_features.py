import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Input, LSTM, Dense

# Hourly readings: temperature, humidity, pressure. Predict the next temperature.
data = np.random.rand(400, 3)

def make_windows(series, look_back):
    X, y = [], []
    for i in range(len(series) - look_back):
        X.append(series[i:i + look_back])
        y.append(series[i + look_back, 0])
    return np.array(X), np.array(y)

look_back = 24
X, y = make_windows(data, look_back)
print(X.shape, y.shape)

model = Sequential()
model.add(Input(shape=(look_back, X.shape[2])))
model.add(LSTM(50))
model.add(Dense(1))
model.compile(loss="mean_squared_error", optimizer="adam")
model.fit(X, y, epochs=1, batch_size=32, verbose=0)
