"""The "Dettes et procédure" tab: debts, repayment plans and payments, and the eviction procedure."""
