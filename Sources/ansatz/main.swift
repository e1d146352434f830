print("ansatz")
